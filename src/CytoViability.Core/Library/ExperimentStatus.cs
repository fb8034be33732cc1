namespace CytoViability.Library;

/// <summary>How a run that got as far as its files ended (the exit codes 0, 2, 3 and 4 of `cytoviability run`).</summary>
public enum ExperimentStatus
{
    /// <summary>Every file processed and every assay computed.</summary>
    Success,

    /// <summary>Some files (or assays) failed; qc.csv says which and why.</summary>
    SomeInputsFailed,

    /// <summary>No file could be processed.</summary>
    NothingProcessed,

    /// <summary>With <see cref="ExperimentOptions.FailOnQc"/>: every file processed, but qc.csv holds a fail row.</summary>
    QcFailed,
}
