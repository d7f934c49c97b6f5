# errors raised from properties and methods reach the caller
class Sensor:
    def __init__(self, reading):
        self._r = reading
    @property
    def value(self):
        if self._r is None:
            raise RuntimeError('sensor offline')
        return self._r
    @value.setter
    def value(self, v):
        if not isinstance(v, (int, float)):
            raise TypeError('numeric reading required')
        self._r = v
s = Sensor(None)
try:
    s.value
except RuntimeError as e:
    print('get failed:', e)
try:
    s.value = 'high'
except TypeError as e:
    print('set failed:', e)
s.value = 21.5
print(s.value)
