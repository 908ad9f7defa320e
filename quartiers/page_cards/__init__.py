"""The cards of each page for a set of filters (title, takeaway, figure, table, sources, year): plain functions of
the dataset and hashable arguments, so that a page draws them and the start-up warm-up (components.warmup) can
compute them before the first visitor asks. One module per page; the pages only lay them out."""
