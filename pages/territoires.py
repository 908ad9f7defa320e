"""Placeholder: this page is built in a later issue."""
import streamlit as st

st.title("territoires")
st.info("Page en préparation.")
