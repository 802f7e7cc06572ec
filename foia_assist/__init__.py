"""FOIA Assist: public-records requests about police facial recognition, offline."""

__version__ = "0.1.0"
APP_NAME = "FOIA Assist"
