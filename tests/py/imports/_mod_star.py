# helper module for from ... import *
public_a = 'A'
public_b = 'B'
_hidden = 'hidden'
def public_func():
    return 'public function'
