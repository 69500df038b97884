"""Profiles: the pages of one country and one mechanism, which compose the registry, the
synergy analysis, the statistics, the dialogue and the practices."""
