# helper: circular import partner A
A_EARLY = 'a-early'
import _circ_b
A_LATE = 'a-late'
def use_b():
    return _circ_b.B_VALUE
