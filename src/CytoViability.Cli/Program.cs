using CytoViability.Cli;

NativeBuilds.RunAvx512BuildWhereFaster(args);
return CliApp.Run(args);
