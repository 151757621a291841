import { mount } from 'svelte';
import './styles/tokens.css';
import './styles/global.css';
import App from './App.svelte';
import { api } from './lib/api';
import { applyTheme, storedTheme } from './lib/app/theme';

applyTheme(storedTheme());

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target, props: { api } });
