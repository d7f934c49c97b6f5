# class definition, instances, attributes and methods
class Dog:
    species = 'canis'
    def __init__(self, name, age=1):
        self.name = name
        self.age = age
    def describe(self):
        return '%s is %d' % (self.name, self.age)
    def birthday(self):
        self.age += 1
        return self
d = Dog('Rex', 3)
e = Dog('Fido')
print(d.name, d.age, e.age, d.species, Dog.species)
print(d.describe(), d.birthday().describe(), Dog.describe(e))
d.tricks = ['sit']
print(d.tricks, hasattr(e, 'tricks'))
print(type(d).__name__, d.__class__.__name__, isinstance(d, Dog))
print(Dog.__name__, type(Dog).__name__)
