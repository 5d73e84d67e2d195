import {KNOWN_FILE_TYPES} from '../cassi/types.js';

const OPTIONS = [
	'-s', '--ingestion-start-date', '-e', '--ingestion-end-date', '--exp-start-date', '--exp-end-date',
	'--filetype', '--filename', '-l', '--limit', '-t', '--token', '--api-url', '--demo', '-c', '--count',
	'--list-filetypes', '--show-exp-times', '--json', '--csv', '--no-color', '-d', '--download', '-f',
	'--folder', '-j', '--parallel', '--overwrite', '-q', '--quiet', '--manifest', '-h', '--help',
];
const COMMANDS = ['login', 'logout', 'token', 'emulator', 'resume', 'completion'];
const DATES = ['today', 'yesterday', 'now', '-1d', '-7d', '-12h'];

function bash(): string {
	return `# cassi completion for bash: eval "$(cassi completion bash)" or append it to ~/.bashrc
_cassi() {
  local cur prev
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
    -s|--ingestion-start-date|-e|--ingestion-end-date|--exp-start-date|--exp-end-date)
      COMPREPLY=( $(compgen -W "${DATES.join(' ')}" -- "$cur") ); return ;;
    -f|--folder|--manifest|resume)
      COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
    completion)
      COMPREPLY=( $(compgen -W "bash zsh" -- "$cur") ); return ;;
  esac
  if [[ $COMP_CWORD -eq 1 && "$cur" != -* ]]; then
    COMPREPLY=( $(compgen -W "${COMMANDS.join(' ')}" -- "$cur") )
  else
    COMPREPLY=( $(compgen -W "${OPTIONS.join(' ')}" -- "$cur") )
  fi
}
complete -F _cassi cassi
`;
}

function zsh(): string {
	const types = KNOWN_FILE_TYPES.map(type => `'${type}'`).join(' ');
	return `#compdef cassi
# cassi completion for zsh: eval "$(cassi completion zsh)" or save as _cassi on your fpath
_cassi() {
  local -a types dates
  types=(${types})
  dates=(${DATES.join(' ')})
  _arguments -s \\
    '1: :(${COMMANDS.join(' ')})' \\
    '(-s --ingestion-start-date)'{-s,--ingestion-start-date}'[ingestion start (UTC)]:date:(\${dates})' \\
    '(-e --ingestion-end-date)'{-e,--ingestion-end-date}'[ingestion end (UTC)]:date:(\${dates})' \\
    '--exp-start-date[exposure start]:date:(\${dates})' \\
    '--exp-end-date[exposure end]:date:(\${dates})' \\
    '--filetype[file types]:type:(\${types})' \\
    '--filename[file names]:name:' \\
    '(-l --limit)'{-l,--limit}'[maximum results]:n:' \\
    '(-t --token)'{-t,--token}'[MAST API token]:token:' \\
    '--api-url[CaSSI API base URL]:url:' \\
    '--demo[use the demo archive]' \\
    '(-c --count)'{-c,--count}'[count per file type]' \\
    '--list-filetypes[list file types]' \\
    '--show-exp-times[show exposure times]' \\
    '--json[JSON output]' '--csv[CSV output]' \\
    '(-d --download)'{-d,--download}'[download the files]' \\
    '(-f --folder)'{-f,--folder}'[download folder]:folder:_files -/' \\
    '(-j --parallel)'{-j,--parallel}'[files at once]:n:' \\
    '--overwrite[download again]' '(-q --quiet)'{-q,--quiet}'[quiet]' \\
    '--manifest[manifest file]:file:_files'
}
compdef _cassi cassi
`;
}

export function completionScript(shell: 'bash' | 'zsh'): string {
	return shell === 'bash' ? bash() : zsh();
}
