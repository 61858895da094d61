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
# The profile rests on consent; under 16 that needs a parent's (Art. 8 GDPR, 16 in Germany),
# which a chat cannot verify. So nobody in this group gets a profile: answering "under 16"
# erases what was given and stores nothing. The code stays a valid audience value for old data.
NO_PROFILE_AGE_GROUPS = frozenset({"under-16"})
# Young people are offered German with "du" when they give one of these.
UNDER_18_AGE_GROUPS = frozenset({"under-16", "16-17"})
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
