# pass, docstring-only bodies and ellipsis
def nothing():
    pass
def doc_only():
    """only a docstring"""
class Empty:
    pass
class DocClass:
    """class docstring"""
print(nothing(), doc_only(), Empty.__name__, DocClass.__name__)
for _ in range(2):
    pass
while False:
    pass
if True:
    pass
else:
    pass
def ell():
    ...
print(ell(), ..., ... is Ellipsis)
try:
    pass
finally:
    print('finally after pass')
