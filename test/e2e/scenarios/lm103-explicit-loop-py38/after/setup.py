from setuptools import setup

setup(name="nightly", version="1.0", py_modules=["nightly"], python_requires=">=3.8")
