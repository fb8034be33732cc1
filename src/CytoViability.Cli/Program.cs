using CytoViability.Cli;

return CliApp.Run(args);
