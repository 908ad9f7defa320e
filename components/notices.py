"""Notices about a link: text that quotes values from the URL, shown so that nothing in it is ever a link.

Markdown (st.warning, st.markdown…) turns bare URLs, `www.` hosts and e-mail addresses into links, whatever the
escaping; inside an inline code span it never does, nor does it read emphasis or HTML there.
"""
from __future__ import annotations

import re

import streamlit as st


def code_span(text: str) -> str:
    """Markdown showing `text` literally, as one inline code span (its fence is longer than any backtick run)."""
    flat = " ".join(text.split())  # a code span is one line; newlines would end the alert's paragraph
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    return f"{fence} {flat} {fence}"


def link_notices(notices: list[str]) -> None:
    """One warning per notice about the link, its text shown literally."""
    for notice in notices:
        st.warning(code_span(notice), icon=":material/link_off:")
