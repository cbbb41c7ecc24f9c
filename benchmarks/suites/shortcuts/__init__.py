"""The `shortcuts` suite: MAS-Bench-style tasks (research/benchmarks.md §3) that the GUI alone can solve but the
built-in shortcuts (shortcuts/builtin.py) solve in fewer steps.

Each task's `solve` is the GUI-only oracle (its optimal step count is the MSRS reference) and its
`solve_with_shortcuts(ui, env, call)` the hybrid one, where `call(name, **args)` runs a built-in shortcut as
one step (the `shortcut-oracle` agent, which records MAS-Bench's MSC, S2GR and SSR).

tasks.py holds single-shortcut tasks; tasks_more.py adds multi-shortcut and cross-app ones (data read in one app
feeds a shortcut in another). effects.py says what each built-in shortcut is for, checked on the device state: the
harness judges every shortcut call by it (SSR per call)."""
