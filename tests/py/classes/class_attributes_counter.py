# class-level state shared across instances
class Ticket:
    issued = 0
    registry = []
    def __init__(self, owner):
        Ticket.issued += 1
        self.number = Ticket.issued
        self.owner = owner
        Ticket.registry.append(self)
    @classmethod
    def owners(cls):
        return [t.owner for t in cls.registry]
for name in ('ann', 'bob', 'cy'):
    Ticket(name)
print(Ticket.issued, Ticket.owners(), [t.number for t in Ticket.registry])
t = Ticket('dee')
print(t.number, t.issued, Ticket.issued)
t.issued = 'shadowed'
print(t.issued, Ticket.issued)
