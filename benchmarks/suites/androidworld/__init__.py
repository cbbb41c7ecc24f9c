"""AndroidWorld's task families on the virtual phone's apps (research/benchmarks.md §1.2)."""
