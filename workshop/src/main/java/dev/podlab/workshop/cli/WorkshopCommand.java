package dev.podlab.workshop.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "workshop", mixinStandardHelpOptions = true,
        description = "One shared cluster for a class: a namespace, rights, quota, isolation and a kubeconfig per attendee.",
        subcommands = {UpCommand.class, PlanCommand.class, StatusCommand.class, DownCommand.class})
public class WorkshopCommand {
}
