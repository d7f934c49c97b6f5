# lookup order: instance dict, class attributes/properties, then __getattr__
class C:
    cls_attr = 'from class'
    @property
    def prop(self):
        return 'from property'
    def __getattr__(self, name):
        return 'from __getattr__: ' + name
c = C()
c.inst = 'from instance'
print(c.inst)
print(c.cls_attr)
print(c.prop)
print(c.missing)
c.cls_attr = 'instance shadows class'
print(c.cls_attr, C.cls_attr)
