# dict lookups with defaults and membership tests
inventory = {'apples': 3, 'pears': 0}
for item in ('apples', 'pears', 'plums'):
    print(item, inventory.get(item), inventory.get(item, -1), item in inventory, inventory.get(item) is None)
print(inventory.get('apples', 0) + inventory.get('plums', 0))
print('pears' in inventory.keys(), 0 in inventory.values(), ('apples', 3) in inventory.items())
