"""Background jobs: long work (reports, imports, the search index, the open-data package, the
synergy analysis) run on the task queue, each with its state and progress for the person
waiting, safe to run twice."""
