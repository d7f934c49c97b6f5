# single inheritance with overriding and extension
class Animal:
    sound = '...'
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + ' says ' + self.sound
    def kind(self):
        return 'animal'
class Cat(Animal):
    sound = 'meow'
class Lion(Cat):
    def speak(self):
        return Cat.speak(self).upper()
    def kind(self):
        return 'big ' + super().kind()
for a in (Animal('generic'), Cat('tom'), Lion('leo')):
    print(a.speak(), a.kind(), isinstance(a, Animal), isinstance(a, Cat), type(a).__name__)
print(issubclass(Lion, Animal), issubclass(Animal, Lion), Lion.__bases__ == (Cat,))
