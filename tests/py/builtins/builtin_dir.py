# dir() results checked by membership
print('append' in dir([]), 'keys' in dir({}), 'upper' in dir(''), 'nope' in dir([]))
class A:
    cls_attr = 1
    def method(self):
        pass
a = A()
a.inst = 2
d = dir(a)
print('cls_attr' in d, 'method' in d, 'inst' in d, 'missing' in d)
print('cls_attr' in dir(A), 'inst' in dir(A))
print(isinstance(dir(a), list))
