# stacked decorators apply bottom-up
order = []
def tag(name):
    def deco(f):
        order.append('decorating with ' + name)
        def wrapper(*a):
            return '<' + name + '>' + f(*a) + '</' + name + '>'
        return wrapper
    return deco
@tag('b')
@tag('i')
@tag('u')
def text(s):
    return s
print(order)
print(text('hi'))
def double_result(f):
    return lambda *a: f(*a) * 2
def add_one(f):
    return lambda *a: f(*a) + 1
@double_result
@add_one
def base(x):
    return x
@add_one
@double_result
def base2(x):
    return x
print(base(5), base2(5))
