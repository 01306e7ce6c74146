"""Top-level resources/ and bench/ ship inside the package as fieldapp.resources and fieldapp.bench."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src"), "fieldapp.resources", "fieldapp.bench"],
    package_dir={"": "src", "fieldapp.resources": "resources", "fieldapp.bench": "bench"},
    package_data={
        "fieldapp.store.migrations": ["script.py.mako"],
        "fieldapp.server.migrations": ["script.py.mako"],
        "fieldapp.server.web": ["templates/*", "static/*"],
        "fieldapp.resources": ["fonts/*", "translations/*", "icons/*", "sounds/*", "*.qrc"],
    },
)
