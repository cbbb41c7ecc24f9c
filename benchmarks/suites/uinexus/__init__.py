"""The `uinexus` suite: UI-NEXUS-style compositional tasks (research/benchmarks.md §2) built from the androidworld
suite's atomic tasks: Simple Concatenation, Context Transition (conditional branches included) and Deep Dive,
each episode labelled with its failure modes (under-execution, over-execution, attention drift)."""
