"""Sources et méthode: the limits of the data in plain French, how the tables are built, every source."""
import streamlit as st

from components import cards, state
from quartiers import catalogue
from quartiers.exports import csv_bytes

ds = state.dataset()
st.title("Sources et méthode")
st.markdown("Chaque chiffre du tableau de bord porte sa source et son année. Un chiffre sans source est affiché "
            "« non disponible » : rien n'est estimé ni inventé. Cette page réunit les précautions de lecture et la "
            "liste de toutes les sources. Les filtres de la barre latérale n'ont pas d'effet ici.")

st.header("À savoir avant de lire les chiffres")
for title, text in catalogue.caveats(ds):
    with st.container(border=True):
        st.markdown(f"**{title}**")
        st.write(text)

st.header("Comment les données sont construites")
st.markdown("Les tables du dossier `data/` sont produites à partir des données ouvertes brutes (ANCT, Insee via "
            "l'ANCT, Etalab) et de petites tables de chiffres publiés, où chaque ligne garde l'adresse et l'année de "
            "sa source. La construction est déterministe ; l'application ne lit que `data/` :")
st.code(catalogue.BUILD_COMMAND, language="bash")
st.caption("Les tables et leurs sources sont décrites dans data/SOURCES.md. La Licence Ouverte 2.0 demande de "
           "citer la source : reprenez la colonne « Éditeur » et l'adresse.")

st.header("Toutes les sources")
# memoised, the catalogue and each search's result: the same frames on every rerun, whose paper copy and CSV are
# then made once (components.state.once)
table = catalogue.catalogue(ds)
query = st.text_input("Rechercher une source", placeholder="éditeur, titre, année, table… (ex. : Insee 2024)",
                      max_chars=80, key="sources_query")
found = state.view(catalogue.find_sources, query or "")
st.caption(f"{len(found)} source(s) sur {len(table)}.")
st.markdown("**Classe de chaque source** — " + " ; ".join(
    f"**{cls}** ({n}) : {what}" for cls, n, what in catalogue.class_counts(found)) + ".")
datasets = state.once(found, "_datasets", lambda: found[found["Type"] == catalogue.DATASET_KIND])
st.subheader(f"{catalogue.KIND_PLURAL[catalogue.DATASET_KIND]} ({len(datasets)})")
st.caption("Jeux de données lus en entier par la construction des tables.")
for _, row in datasets.iterrows():
    with st.container(border=True):
        st.markdown(f"**{row['Titre']}**  \n{row['Éditeur']} — [{row['Adresse']}]({row['Adresse']})")
        st.caption(f"Classe : {row['Classe']} · Année des chiffres : {row['Année des chiffres']} · "
                   f"Licence : {row['Licence']} · Utilisée dans : {row['Utilisée dans']}")
        if row["Note"]:
            st.caption(row["Note"])

figures = state.once(found, "_figures", lambda: found[found["Type"] == catalogue.FIGURE_KIND])
st.subheader(f"{catalogue.KIND_PLURAL[catalogue.FIGURE_KIND]} ({len(figures)})")
st.caption("Chiffres publiés (rapports, communiqués, articles), cités un par un avec leur adresse.")
if figures.empty:
    st.info("Aucun chiffre publié ne correspond à la recherche.")
else:
    cards.grid(figures, "sources_figures", height=420,
               column_order=["Classe", "Éditeur", "Relaie", "Année des chiffres", "Utilisée dans", "Adresse",
                             "Licence"],
               column_config={"Adresse": st.column_config.LinkColumn("Adresse", width="large",
                                                                     help="Ouvre la source dans un nouvel onglet"),
                              "Utilisée dans": st.column_config.TextColumn("Utilisée dans", width="medium")})
st.download_button("Télécharger la liste des sources (CSV)", state.once(table, "_csv", lambda: csv_bytes(table)),
                   file_name="sources.csv", mime="text/csv", on_click="ignore", icon=":material/download:",
                   key="sources_csv")
