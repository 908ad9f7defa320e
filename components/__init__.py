"""Reusable Streamlit pieces: data loading at the edge, shared filters, KPI row, chart card."""
