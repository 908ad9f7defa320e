"""The floor: a minimal Streamlit page with one plotly chart, the least any Streamlit dashboard costs."""
import plotly.express as px
import streamlit as st

st.title("Plancher")
st.plotly_chart(px.bar(x=["a", "b", "c"], y=[1, 3, 2]))
