"""The optional profile's vocabulary: districts, age groups, topics (stable codes)."""

from __future__ import annotations

# Duisburg's seven Stadtbezirke, plus two answers that are not places.
DISTRICTS = (
    "walsum",
    "hamborn",
    "meiderich-beeck",
    "homberg-ruhrort-baerl",
    "mitte",
    "rheinhausen",
    "sued",
    "outside",
    "undisclosed",
)
AGE_GROUPS = ("under-16", "16-17", "18-26", "27-64", "65-plus", "undisclosed")
TOPICS = (
    "environment",
    "transport",
    "youth",
    "education",
    "culture",
    "sport",
    "neighbourhood",
    "integration",
    "safety",
    "digital",
)
