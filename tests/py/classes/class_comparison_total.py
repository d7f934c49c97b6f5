# rich comparisons defined explicitly for all six operators
class Rank:
    order = ['low', 'mid', 'high']
    def __init__(self, name):
        self.i = Rank.order.index(name)
    def __eq__(self, o): return self.i == o.i
    def __ne__(self, o): return self.i != o.i
    def __lt__(self, o): return self.i < o.i
    def __le__(self, o): return self.i <= o.i
    def __gt__(self, o): return self.i > o.i
    def __ge__(self, o): return self.i >= o.i
    def __repr__(self): return Rank.order[self.i]
lo, mid, hi = Rank('low'), Rank('mid'), Rank('high')
print(lo < mid, mid <= mid, hi > lo, lo >= hi, lo == Rank('low'), lo != mid)
print(lo < mid < hi, sorted([hi, lo, mid]), max(lo, hi, mid), min([mid, hi]))
