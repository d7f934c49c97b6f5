# class and instance naming attributes
class Alpha:
    pass
class Beta(Alpha):
    pass
b = Beta()
print(Beta.__name__, b.__class__.__name__, b.__class__ is Beta, type(b) is Beta)
print(Beta.__bases__[0].__name__, [c.__name__ for c in Beta.__bases__])
print(isinstance(b.__class__, type), Alpha.__name__ + '/' + Beta.__name__)
