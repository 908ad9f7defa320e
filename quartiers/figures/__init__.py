"""Figure builders: plain functions, data in, a plotly figure or a server-drawn SVG chart out (testable without a
browser).

Importing the package sets the house plotly template as the default for every figure built after it."""
from quartiers.figures import style  # noqa: F401  (sets plotly's default template)
