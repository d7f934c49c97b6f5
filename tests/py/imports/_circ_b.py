# helper: circular import partner B
import _circ_a
B_VALUE = 'b-value'
SEEN_EARLY = getattr(_circ_a, 'A_EARLY', 'missing')
SEEN_LATE = getattr(_circ_a, 'A_LATE', 'missing')
