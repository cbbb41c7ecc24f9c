"""The agent graph's nodes, one module per role; `agent/graph.py` wires them."""
