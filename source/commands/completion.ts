/**
 * `cassi completion bash|zsh`: the scripts are generated from the commander definitions
 * themselves, so each command completes its own options (`cassi emulator --p` offers
 * `--port`, not the root's `--parallel`) and a new flag cannot be forgotten here.
 */
import type {Command, Option} from 'commander';
import {KNOWN_FILE_TYPES} from '../cassi/types.js';

const DATES = ['today', 'yesterday', 'now', '-1d', '-7d', '-12h'];
/** `-s` only: where the browser's `L` starts (root-action.ts). */
const LAST_CHECK = 'last-check';

interface CommandSpec {
	name: string;
	options: Option[];
}

/** The root command and each subcommand with their options, read from the program cassi runs. */
export function completionSpec(program: Command): {root: CommandSpec; commands: CommandSpec[]} {
	return {
		root: {name: 'cassi', options: [...program.options]},
		commands: program.commands.map(command => ({name: command.name(), options: [...command.options]})),
	};
}

/** Every spelling of the options, then -h --help (commander adds those itself). */
function flags(options: Option[]): string[] {
	return [...options.flatMap(option => [option.short, option.long].filter((flag): flag is string => Boolean(flag))), '-h', '--help'];
}

function bash(program: Command): string {
	const {root, commands} = completionSpec(program);
	const perCommand = commands.map(command => `      ${command.name}) opts="${flags(command.options).join(' ')}" ;;`).join('\n');
	return `# cassi completion for bash: eval "$(cassi completion bash)" or append it to ~/.bashrc
_cassi() {
  local cur prev cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    --filetype)
      # Types hold spaces: match on the unescaped word, one type per line, and quote
      # the answers unless the user opened a quote (readline closes it).
      local IFS=$'\\n' word="\${cur//\\\\/}" quoted='' i
      case "$word" in \\"*|\\'*) quoted=1; word="\${word:1}" ;; esac
      COMPREPLY=( $(compgen -W "${KNOWN_FILE_TYPES.join('\n')}" -- "$word") )
      if [[ -z $quoted ]]; then
        for i in "\${!COMPREPLY[@]}"; do COMPREPLY[$i]=$(printf '%q' "\${COMPREPLY[$i]}"); done
      fi
      return ;;
    -s|--ingestion-start-date)
      opts="${DATES.join(' ')}"
      # ${LAST_CHECK} is the root command's alone (a subcommand comes first)
      case "\${COMP_WORDS[1]}" in ${commands.map(command => command.name).join('|')}) ;; *) opts="$opts ${LAST_CHECK}" ;; esac
      COMPREPLY=( $(compgen -W "$opts" -- "$cur") ); return ;;
    -e|--ingestion-end-date|--exp-start-date|--exp-end-date|--date)
      COMPREPLY=( $(compgen -W "${DATES.join(' ')}" -- "$cur") ); return ;;
    -f|--folder|--manifest|resume|sync)
      COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
    completion)
      COMPREPLY=( $(compgen -W "bash zsh" -- "$cur") ); return ;;
  esac
  if [[ $COMP_CWORD -eq 1 && "$cur" != -* ]]; then
    COMPREPLY=( $(compgen -W "${commands.map(command => command.name).join(' ')}" -- "$cur") )
    return
  fi
  # A subcommand comes first; everything after it takes that command's options.
  cmd=""
  [[ $COMP_CWORD -gt 1 ]] && cmd="\${COMP_WORDS[1]}"
  case "$cmd" in
${perCommand}
      *) opts="${flags(root.options).join(' ')}" ;;
  esac
  COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
}
complete -F _cassi cassi
`;
}

/** One _arguments spec per option: `'(-t --token)'{-t,--token}'[MAST API token]:value:'`. */
function zshSpec(option: Option, root = false): string {
	const help = option.description.replace(/[[\]':]/g, ' ').trim();
	const value = option.required || option.optional ? zshValue(option, root) : '';
	const names = [option.short, option.long].filter((flag): flag is string => Boolean(flag));
	if (names.length === 1) return `'${names[0]}[${help}]${value}'`;
	return `'(${names.join(' ')})'{${names.join(',')}}'[${help}]${value}'`;
}

function zshValue(option: Option, root: boolean): string {
	const long = option.long ?? '';
	if (long === '--filetype') return ':type:(${types})';
	if (root && long === '--ingestion-start-date') return `:date:(\${dates} ${LAST_CHECK})`;
	if (/date$/.test(long)) return ':date:(${dates})';
	if (long === '--folder') return ':folder:_files -/';
	if (long === '--manifest') return ':file:_files';
	return ':value:';
}

function zsh(program: Command): string {
	const {root, commands} = completionSpec(program);
	const types = KNOWN_FILE_TYPES.map(type => `'${type}'`).join(' ');
	const positional: Record<string, string> = {resume: " '1:folder:_files -/'", sync: " '1:folder:_files -/'", completion: " '1:shell:(bash zsh)'"};
	const perCommand = commands
		.map(command => `      ${command.name}) _arguments -s ${command.options.map(option => zshSpec(option)).join(' ')}${positional[command.name] ?? ''} ;;`)
		.join('\n');
	return `#compdef cassi
# cassi completion for zsh: eval "$(cassi completion zsh)" or save as _cassi on your fpath
_cassi() {
  local -a types dates
  types=(${types})
  dates=(${DATES.join(' ')})
  if (( CURRENT > 2 )); then
    # A subcommand comes first; everything after it takes that command's options.
    case \${words[2]} in
${commands.map(command => `      ${command.name}) shift words; (( CURRENT-- )) ;;`).join('\n')}
    esac
    case \${words[1]} in
${perCommand}
      *) _arguments -s ${root.options.map(option => zshSpec(option, true)).join(' ')} ;;
    esac
    return
  fi
  _arguments -s '1: :(${commands.map(command => command.name).join(' ')})' ${root.options.map(option => zshSpec(option, true)).join(' ')}
}
compdef _cassi cassi
`;
}

/** `program`: the defined root command (cli/ passes itself in, so commands/ never imports cli/). */
export function completionScript(shell: 'bash' | 'zsh', program: Command): string {
	return shell === 'bash' ? bash(program) : zsh(program);
}
