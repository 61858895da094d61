"""Everything stored about one person: a section per feature, export and erasure."""
