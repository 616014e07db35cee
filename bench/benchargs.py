# bench/benchargs.py - what the bench scripts share in reading their arguments
# (each puts bench/ on its import path: from benchargs import positive).
import argparse


def positive(text):
    """an argparse type: an integer above 0"""
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"not a positive integer: {text!r}")
    return n
