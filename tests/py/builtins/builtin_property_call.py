# property() called with fget/fset/fdel functions
class Account:
    def __init__(self):
        self._balance = 10
    def get_balance(self):
        return self._balance
    def set_balance(self, v):
        self._balance = max(0, v)
    def del_balance(self):
        self._balance = 0
    balance = property(get_balance, set_balance, del_balance)
    readonly = property(get_balance)
a = Account()
print(a.balance, a.readonly)
a.balance = -5
print(a.balance)
a.balance = 42
print(a.balance, a.readonly)
del a.balance
print(a.balance)
try:
    a.readonly = 1
except AttributeError as e:
    print(type(e).__name__)
class Sub(Account):
    pass
s = Sub()
s.balance = 7
print(s.balance)
