# closures created inside methods capture self
class Button:
    def __init__(self, label):
        self.label = label
        self.clicks = 0
    def handler(self):
        def on_click():
            self.clicks += 1
            return self.label + ' clicked ' + str(self.clicks)
        return on_click
b = Button('OK')
h = b.handler()
print(h(), h(), b.clicks)
class Factory:
    base = 100
    def make_adders(self, n):
        return [lambda x, k=k: x + k + self.base for k in range(n)]
print([f(1) for f in Factory().make_adders(3)])
