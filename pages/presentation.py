"""Placeholder: this page is built in a later issue."""
import streamlit as st

st.title("presentation")
st.info("Page en préparation.")
