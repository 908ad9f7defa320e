"""Placeholder: this page is built in a later issue."""
import streamlit as st

st.title("pilotes")
st.info("Page en préparation.")
