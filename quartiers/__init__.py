"""Quartiers productifs dashboard: the domain package (data, logic, figures, exports). Never imports Streamlit."""
