"""Feature controllers of the main window (browse, import, rules, reading, …).

Each controller owns its widgets, actions and undo stack; the frame
(`desktop.ui.mainwindow.MainWindow`) lays them out and builds the menus from the actions
they expose. Controllers never import each other or the frame: they talk through signals
and small public methods the frame wires together. docs/ui.md explains how to add one.
"""
