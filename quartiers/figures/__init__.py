"""Figure builders: plain functions, data in, plotly/altair figure out (testable without a browser)."""
