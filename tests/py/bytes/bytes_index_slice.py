# indexing gives ints, slicing gives bytes
b = b'hello world'
print(b[0], b[-1], b[4], type(b[0]).__name__)
print(b[0:5], b[6:], b[::-1], b[::2], b[-5:-1], b[3:3])
print(b[100:], b[-100:2], b[1:9:3])
try:
    b[11]
except IndexError as e:
    print(type(e).__name__)
try:
    b[0] = 1
except TypeError as e:
    print(type(e).__name__)
print(list(b[:3]), [x for x in b'AZ'])
