"""Tools beside the build: a synthetic national data set for benchmarks and scale tests."""
