// The costliest test classes start first (tests/Shared/LongestFirst.cs).
[assembly: TestCollectionOrderer(typeof(CytoViability.Tests.LongestFirst))]
