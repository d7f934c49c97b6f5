# template method pattern with hooks overridden in subclasses
class Report:
    def render(self):
        return '\n'.join([self.header(), *self.body(), self.footer()])
    def header(self):
        return '== ' + self.title() + ' =='
    def footer(self):
        return '-- end --'
    def title(self):
        return 'report'
    def body(self):
        return []
class Sales(Report):
    def __init__(self, rows):
        self.rows = rows
    def title(self):
        return 'sales'
    def body(self):
        return ['%-6s %5d' % r for r in self.rows]
class Quiet(Sales):
    def footer(self):
        return ''
print(Report().render())
print(Sales([('north', 10), ('south', 250)]).render())
print(repr(Quiet([('x', 1)]).render()))
