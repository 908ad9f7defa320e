"""Entry point: page frame, shared filters (sidebar <-> URL), navigation.

Pages live in views/, not pages/: with a pages/ folder, a link to a page that is the first request after the server
starts runs that page alone, without this script (no filters, no layout).
"""
from __future__ import annotations

import streamlit as st

import navigation
from components import filters, memory, notices, share, state, warmup

# An emoji icon becomes a data: URL in the browser; a ":material/…:" page icon is fetched from Google's font servers.
# "auto": the sidebar starts open on a wide screen and folded on a phone.
st.set_page_config(page_title="Quartiers productifs — tableau de bord", page_icon="🏙️",
                   layout="wide", initial_sidebar_state="auto")

PAGES = [st.Page(view, title=title, icon=icon, url_path=path, default=not path)
         for view, title, icon, path in navigation.PAGES]

memory.start_trimming()
memory.collect_less_often()
page = st.navigation(PAGES)
with warmup.script_run():  # the start-up warm-up waits while a page runs
    ds = state.dataset()
    warmup.start()
    chosen, link_notices = filters.sidebar(ds)
    st.session_state["_filters"] = chosen
    share.page_styles()
    with st.sidebar:
        share.share_menu(ds, chosen, page_path=page.url_path, key="sidebar_pack")
    notices.link_notices(link_notices)
    page.run()
