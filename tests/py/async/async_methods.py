# async methods on classes
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
class Account:
    def __init__(self, balance):
        self.balance = balance
    async def deposit(self, v):
        self.balance += v
        return self.balance
    async def transfer(self, other, v):
        await self.deposit(-v)
        await other.deposit(v)
        return (self.balance, other.balance)
    @staticmethod
    async def fee():
        return 1
    @classmethod
    async def create(cls, initial):
        return cls(initial - await cls.fee())
a = run(Account.create(100))
b = Account(5)
print(a.balance, run(a.transfer(b, 30)), run(b.deposit(1)))
