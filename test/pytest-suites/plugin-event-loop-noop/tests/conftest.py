pytest_plugins = ["loopplugin.plugin"]
