// The costliest test classes start first (tests/Shared/LongestFirst.cs).
[assembly: TestCollectionOrderer("CytoViability.Tests.LongestFirst", "CytoViability.Core.Tests")]
